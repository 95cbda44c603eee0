/** Database sources: a read-only query over PostgreSQL, MariaDB/MySQL, SQL Server or Oracle, with bound named parameters. */
@NullMarked
package dev.preflight.custom.jdbc;

import org.jspecify.annotations.NullMarked;
