// Checks a Frictionless data package with Frictionless' own JavaScript library (datapackage):
// the descriptor is valid against its profile, and every row of every resource is read with its
// Table Schema: each cell cast to its type and checked against its constraints (enum, pattern,
// required, unique), the primary key unique, each foreign key found in the resource it names.
// Prints, as JSON, each resource's name and the rows read. Exits 1 with the errors otherwise.
// Usage: node check-datapackage.mjs DESCRIPTOR (a file; its resources' paths relative to it)
//
// A resource whose encoding is utf-8-sig (UTF-8 that begins with a byte order mark, as Python's
// codec names it) is read from a copy without the mark: this library passes the encoding to Node,
// which knows no utf-8-sig, and its CSV parser would keep the mark in the first column's name.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import datapackage from 'datapackage'

const { Package } = datapackage
const [descriptor] = process.argv.slice(2)
if (!descriptor) {
  console.error('usage: node check-datapackage.mjs DESCRIPTOR')
  process.exit(2)
}
try {
  const dataPackage = await Package.load(descriptor, { basePath: path.dirname(descriptor) }, true)
  if (!dataPackage.valid) {
    console.error(`${descriptor} is not a valid data package:\n${dataPackage.errors.map(e => e.message).join('\n')}`)
    process.exit(1)
  }
  const readable = await withoutByteOrderMarks(descriptor)
  const read = []
  for (const resource of readable.resources) {
    if (!resource.tabular) throw new Error(`resource ${resource.name} is not tabular`)
    // relations: true checks every foreign key; cast (the default) checks types, constraints and the primary key.
    const rows = await resource.read({ relations: true, keyed: true })
    read.push({ name: resource.name, rows: rows.length, fields: resource.schema.fieldNames })
  }
  console.log(JSON.stringify(read))
} catch (error) {
  const details = error.errors ? '\n' + error.errors.map(e => e.message).join('\n') : ''
  console.error(`${descriptor}: ${error.message}${details}`)
  process.exit(1)
}

async function withoutByteOrderMarks(file) {
  const base = path.dirname(file)
  const copy = JSON.parse(await readFile(file, 'utf8'))
  const dir = await mkdtemp(path.join(os.tmpdir(), 'datapackage-'))
  for (const resource of copy.resources) {
    const source = path.join(base, resource.path)
    if (resource.encoding === 'utf-8-sig') {
      const bytes = await readFile(source)
      const mark = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
      if (!mark) throw new Error(`${resource.path} says utf-8-sig but has no byte order mark`)
      await writeFile(path.join(dir, path.basename(resource.path)), bytes.subarray(3))
      resource.path = path.basename(resource.path)
      resource.encoding = 'utf-8'
    } else {
      resource.path = source
    }
  }
  const loaded = await Package.load(copy, { basePath: dir }, true)
  if (!loaded.valid) throw new Error(loaded.errors.map(e => e.message).join('\n'))
  return loaded
}
