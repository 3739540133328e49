breakeven --no-builtin -c tests/fixtures/good/catalog.yaml -s tests/fixtures/good/scenario.yaml --set api_fixed_per_month=20000 --set spare_replicas=0 -f json
