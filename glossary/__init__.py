"""The bilingual glossary, the general dictionary (CC-CEDICT) and search; no Qt."""
