// Technician mode: what the app shell mounts for mode=technician.
export { TechnicianApp } from './TechnicianApp';
