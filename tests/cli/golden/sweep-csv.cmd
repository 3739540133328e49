sweep --no-builtin -c tests/fixtures/good/catalog.yaml -s tests/fixtures/good/scenario.yaml --from 1M --to 100B --points 9 -f csv
