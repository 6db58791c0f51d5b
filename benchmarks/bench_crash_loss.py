"""Typing lost on a crash: a real window killed (SIGKILL) at random moments while a scripted typist fills cells.

Run: `.venv/bin/python benchmarks/bench_crash_loss.py [TRIALS] [SEED]`
Each trial starts tests/gui/crash_driver.py in a subprocess, lets its typist
type Chinese characters into ten cells at a person's pace (50–350 ms a key, a
pause after each Enter), kills it 0.3–15 s after the first key and reads what the
next start would offer. "Lost" is the age at the kill of the oldest key that the
recovery copy does not hold (0 when it holds them all). Aim: worst ≤ 2 s, and a
copy offered in every trial where something was typed.
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.gui.crash_driver import run_trial


def main(trials: int, seed: int) -> None:
    rng = random.Random(seed)
    losses, missing = [], 0
    with tempfile.TemporaryDirectory() as tmp:
        for number in range(trials):
            folder = Path(tmp) / str(number)
            folder.mkdir()
            trial = run_trial(folder, seed + number, rng.uniform(0.3, 15.0))
            losses.append(trial.lost_seconds)
            missing += trial.typed > 0 and not trial.offered
            print(f"{number + 1:3d}: typed {trial.typed:3d} keys in {trial.typing_seconds:5.1f} s, "
                  f"kept {trial.kept:3d}, lost {trial.lost_seconds:4.2f} s, offered {trial.offered}", flush=True)
    print(f"\n{trials} kills: lost median {statistics.median(losses):.2f} s, worst {max(losses):.2f} s; "
          f"nothing offered after typing: {missing}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30, int(sys.argv[2]) if len(sys.argv) > 2 else 1)
