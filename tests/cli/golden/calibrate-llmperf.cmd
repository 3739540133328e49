calibrate llmperf tests/fixtures/calibrate/llmperf.json --gpu a100-80gb --precision bf16 --tp 1
