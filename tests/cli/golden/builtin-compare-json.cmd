compare -f json
