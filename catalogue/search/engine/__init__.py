"""The part of search that knows Whoosh's file format: bulk rebuilds."""
