$CHIPGRAPH query 'entity Foo: Vendor.'
