// The query lives with the database library: the api names the same person to suppliers.
export { STAFF_RECIPIENT } from '@kakehashi/database';
