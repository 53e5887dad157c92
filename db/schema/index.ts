// Every table, view and enum of the domain; drizzle-kit reads this barrel.
export {};
