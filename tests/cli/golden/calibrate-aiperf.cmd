calibrate genai-perf tests/fixtures/calibrate/aiperf.json --gpu h100-sxm --precision fp8 --tp 2
