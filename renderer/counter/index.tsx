// The counter mode's entry: what renderer/app/App.tsx mounts for `mode=counter`.
export { CounterApp } from './CounterApp';
