"""PostgreSQL: the embedded default server, the connection pool, the schema and the queries.

The only package that imports psycopg.
"""
