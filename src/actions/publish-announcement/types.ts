/**
 * The shapes the steps share: the plan read before the first write and the links the later steps post. Kept apart
 * from the modules that build and use them, so none of those imports another for its types.
 */
import type { AnnouncementData, RenderedAnnouncement } from '../../domain/announcement.js';
import type { DiscussionCategory } from '../../github/discussions.js';
import type { Advisory, Release } from '../../github/types.js';
import type { TrackedReport } from '../common/tracker.js';

export interface DiscussionPlace {
  readonly repositoryId: string;
  readonly category: DiscussionCategory;
}

export interface Plan {
  readonly repositoryIsPublic: boolean;
  /** By GHSA id, in the order given; replaced by GitHub's answer when published. */
  readonly advisories: Map<string, Advisory>;
  /** Tracking issues by GHSA id (only those found); replaced as they are updated. */
  readonly reports: Map<string, TrackedReport>;
  /** The release of each version (in the order of the versions); empty when the step is off or none is made. */
  readonly releases: readonly Release[];
  readonly discussion: DiscussionPlace | undefined;
  /** Where step 8 shares the retrospective (`retrospective-category`); undefined when it does not. */
  readonly retrospectivePlace: DiscussionPlace | undefined;
  readonly data: AnnouncementData;
  readonly announcement: RenderedAnnouncement;
}

/** Where the release and the announcement ended up (null: not posted by this workflow). */
export interface Links {
  readonly releaseUrl: string | null;
  readonly announcementUrl: string | null;
}
