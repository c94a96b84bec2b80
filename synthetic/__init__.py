"""Synthetic provider deliveries (inputs.md section 1) for demos, tests and benchmarks."""

from synthetic.generate import GenerationSummary, generate

__all__ = ["GenerationSummary", "generate"]
