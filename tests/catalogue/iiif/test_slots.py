"""Slots for costly work: shared by threads and processes, released however the holder ends."""

import multiprocessing
import time
from pathlib import Path

import pytest

from catalogue.iiif.slots import Busy, Slots


def test_no_more_holders_than_slots(tmp_path: Path) -> None:
    slots = Slots(tmp_path, "render", count=2, wait=0.05)
    with slots.take() as first, slots.take() as second:
        assert {first, second} == {0, 1}
        with pytest.raises(Busy) as busy, slots.take():
            pass
        assert busy.value.retry_after >= 1
    with slots.take() as again:  # released on leaving the block
        assert again == 0


def test_a_slot_is_released_when_the_block_fails(tmp_path: Path) -> None:
    slots = Slots(tmp_path, "render", count=1, wait=0.05)
    with pytest.raises(RuntimeError), slots.take():
        raise RuntimeError("the render failed")
    with slots.take():
        pass


def _hold(folder: str, started: "multiprocessing.synchronize.Event") -> None:
    with Slots(Path(folder), "render", count=1, wait=1).take():
        started.set()
        time.sleep(30)


def test_another_process_holds_a_slot_until_it_ends(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    started = context.Event()
    holder = context.Process(target=_hold, args=(str(tmp_path), started))
    holder.start()
    try:
        assert started.wait(10)
        with pytest.raises(Busy), Slots(tmp_path, "render", count=1, wait=0.1).take():
            pass
    finally:
        holder.kill()  # a killed holder never keeps its slot
        holder.join()
    with Slots(tmp_path, "render", count=1, wait=1).take() as number:
        assert number == 0
