sweep --no-builtin -c tests/fixtures/good/catalog.yaml -s tests/fixtures/good/scenario.yaml -f svg --points 200
