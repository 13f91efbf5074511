"""Validation: everything about a document becomes a ``Diagnostic``.

``validator`` runs the checks, ``schema`` loads the shipped XSD, ``rules`` holds the
checks a schema cannot express and ``xsd`` writes the schemas from the element model.
"""
