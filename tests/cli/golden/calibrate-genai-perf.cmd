calibrate genai-perf tests/fixtures/calibrate/genai-perf-old.json --gpu l40s --precision fp8 --tp 1 --engine vllm
