check --no-builtin -c tests/fixtures/good/catalog.yaml -s tests/fixtures/good/check.yaml
