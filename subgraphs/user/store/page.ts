/** One page of a listing: the items and whether more follow. */
export interface Page<T> {
  items: T[];
  hasNextPage: boolean;
}
