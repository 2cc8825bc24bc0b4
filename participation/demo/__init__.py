"""Demo data: a realistic, fictitious idea collection modelled on "Jena klimaneutral 2035"."""
