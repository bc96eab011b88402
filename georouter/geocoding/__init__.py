"""Geocoding Qingdao addresses: normalise → parse → gazetteer (offline) or an online provider."""
