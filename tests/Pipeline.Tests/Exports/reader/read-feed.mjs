// Reads a Green Button XML file with @cityssm/green-button-parser and prints, as JSON, what a
// third party would take from it: each IntervalBlock's readings tied (through the Atom links, by
// the package's own helpers) to their ReadingType and UsagePoint. Usage: node read-feed.mjs FILE
import { readFile } from 'node:fs/promises'
import { atomToGreenButtonJson, helpers } from '@cityssm/green-button-parser'

const json = await atomToGreenButtonJson(await readFile(process.argv[2], 'utf8'))
const series = new Map()
let blocks = 0
for (const entry of helpers.getEntriesByContentType(json, 'IntervalBlock')) {
  const readingType = helpers.getReadingTypeEntryFromIntervalBlockEntry(json, entry)
  const usagePoint = helpers.getUsagePointEntryFromIntervalBlockEntry(json, entry)
  if (readingType === undefined || usagePoint === undefined) {
    throw new Error(`IntervalBlock ${entry.links.self} is tied to no ReadingType or UsagePoint`)
  }
  const type = readingType.content.ReadingType
  const key = `${usagePoint.links.selfUid}|${readingType.links.selfUid}`
  if (!series.has(key)) {
    series.set(key, {
      usagePoint: usagePoint.links.selfUid,
      readingType: readingType.links.selfUid,
      flowDirection: type.flowDirection,
      uom: type.uom,
      uomName: type.uom_value,
      powerOfTenMultiplier: type.powerOfTenMultiplier,
      currency: type.currency ?? null,
      readings: []
    })
  }
  const target = series.get(key)
  for (const block of entry.content.IntervalBlock) {
    blocks++
    for (const reading of block.IntervalReading ?? []) {
      target.readings.push([
        reading.timePeriod.start,
        reading.timePeriod.duration,
        reading.value,
        reading.cost ?? null
      ])
    }
  }
}
process.stdout.write(JSON.stringify({ blocks, series: [...series.values()] }))
