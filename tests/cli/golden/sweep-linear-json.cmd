sweep --no-builtin -c tests/fixtures/good/catalog.yaml -s tests/fixtures/good/scenario.yaml --from 0 --to 20B --points 5 --linear -f json
