size llama-3.1-70b --precision fp8
