simulate -s examples/scenarios/portfolio-classify-reason.yaml --today 2026-11-01 --draws 500 --range factor.gpu_price=0.6..1.4 --range factor.volume=p10:0.5..p90:2 -f csv
