print('hello from a resource')
