// Reads a Parquet file with hyparquet (a reader this project did not write) and prints, as JSON,
// its columns (name, physical type, logical or converted type) and its rows in order, each as an
// array of values: a DATE as yyyy-mm-dd, an INT64 as a decimal string (beyond 2^53 as well), a
// null as null. Exits 1 with the reason where the file cannot be read.
// Usage: node read-parquet.mjs FILE
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet'

const [file] = process.argv.slice(2)
if (!file) {
  console.error('usage: node read-parquet.mjs FILE')
  process.exit(2)
}
try {
  const buffer = await asyncBufferFromFile(file)
  const metadata = await parquetMetadataAsync(buffer)
  const columns = parquetSchema(metadata).children.map(c => ({
    name: c.element.name,
    type: c.element.type ?? null,
    logical: c.element.logical_type?.type ?? c.element.converted_type ?? null,
    optional: c.element.repetition_type === 'OPTIONAL',
  }))
  const objects = await parquetReadObjects({ file: buffer, metadata })
  const cell = value => value === null || value === undefined ? null
    : value instanceof Date ? value.toISOString().slice(0, 10)
    : typeof value === 'bigint' ? value.toString()
    : value
  const rows = objects.map(o => columns.map(c => cell(o[c.name])))
  console.log(JSON.stringify({ rows: Number(metadata.num_rows), columns, data: rows }))
} catch (error) {
  console.error(`${file}: ${error.stack ?? error}`)
  process.exit(1)
}
