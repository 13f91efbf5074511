def test_placeholder_import():
    import laml

    assert laml.Response
