compare -s examples/scenarios/bursty-chat-hybrid.yaml --today 2026-11-01 -f json
