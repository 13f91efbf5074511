"""The element model: what cXML is (elements, attributes, value types), with no XML library."""
