// The count of labels with a tracking exception, shared by the header badge and the labels view
// (the view updates it whenever it loads the list).
import type { LabelRow } from "../../lib/areas/history";
import { exceptionCount } from "../../lib/areas/history";

class Exceptions {
  /** Labels with FAILURE, RETURNED or stuck in transit; null until known. */
  count = $state<number | null>(null);

  /** Counts the exceptions of a freshly loaded list. */
  seen(labels: LabelRow[]) {
    this.count = exceptionCount(labels);
  }
}

/** The one shared count. */
export const exceptions = new Exceptions();
