"""OAI-PMH 2.0: the protocol's requests, tokens and errors, the records it offers, and its XML."""

from catalogue.oai.protocol import OAIError, OAIRequest, parse_request
from catalogue.oai.responses import Repository, respond

__all__ = ["OAIError", "OAIRequest", "Repository", "parse_request", "respond"]
