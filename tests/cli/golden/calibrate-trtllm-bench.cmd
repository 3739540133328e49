calibrate trtllm-bench tests/fixtures/calibrate/trtllm-bench.json --model llama-3.1-70b --gpu h100-sxm
