/** The platform's client for product apps; its parts are added in ./client.ts and ./react. */
export {};
