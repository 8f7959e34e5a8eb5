// Master patient index: normalise records, find candidates by blocking keys, score pairs (Fellegi–Sunter
// with deterministic rules), classify, and measure all of it on labelled data.
export * from './record';
export * from './compare';
export * from './weights';
export * from './blocking';
export * from './evaluate';
export * from './febrl';
