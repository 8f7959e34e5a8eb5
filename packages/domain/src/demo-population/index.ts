export { createDemoPopulation, WINDOW_DAYS, type DemoPopulation } from './population';
export { todayIn } from './time';
export * from './types';
