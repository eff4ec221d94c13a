// Global test setup: replaced by the emulator start-up once the platform layer lands.
export default function setup(): void {}
