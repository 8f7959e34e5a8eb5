export * from './pinyin';
