export { createDemoPopulation, WINDOW_DAYS, type DemoPopulation } from './population';
export * from './types';
