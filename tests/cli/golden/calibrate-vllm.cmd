calibrate vllm tests/fixtures/calibrate/vllm-save.json tests/fixtures/calibrate/vllm-append.json --model llama-3.1-8b --gpu h100-sxm --precision bf16 --tp 1
