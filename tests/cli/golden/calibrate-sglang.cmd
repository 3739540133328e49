calibrate sglang tests/fixtures/calibrate/sglang.jsonl --model llama-3.1-8b --gpu h100-sxm --precision fp8 --tp 1
