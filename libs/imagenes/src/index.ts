export * from './image-store';
export { jpegSintetico } from './jpeg-sintetico';
