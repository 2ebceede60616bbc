import type { BriefDto } from './dto/profile.dto';

/**
 * A Brief (a user in a list) in one place: its SQL select list for the user aliased
 * `u` as seen by the viewer `$1`, its row, and its DTO.
 */
export const briefColumns = (u = 'u') =>
  `${u}.id, ${u}.username, ${u}.display_name,
   EXISTS (SELECT 1 FROM follows viewer_follows WHERE viewer_follows.follower_id = $1 AND viewer_follows.followee_id = ${u}.id) AS followed`;

export interface BriefRow {
  id: number;
  username: string;
  display_name: string;
  followed: boolean;
}

export const toBrief = ({ id, username, display_name, followed }: BriefRow): BriefDto => ({ id, username, display_name, followed });
