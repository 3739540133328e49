catalog validate tests/fixtures/good/catalog.yaml
