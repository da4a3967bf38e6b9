"""The stance engine: a learned (claim, text) classifier over sentence embeddings and cue features.

`judge(claim, texts)` and `judge_pairs(...)` in `newsprism.stance.engine`; the weights are trained by
eval/train_stance.py on FNC-1 and ship as `weights.npz` here.
"""
