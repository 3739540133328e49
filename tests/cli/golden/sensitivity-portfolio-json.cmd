sensitivity -s examples/scenarios/portfolio-classify-reason.yaml --today 2026-11-01 -f json
