import { nodeId } from '../ids.js';
import { findLabel } from '../state.js';
import type { Issue, IssueComment, Label } from '../types.js';
import { simpleUser } from './users.js';
import type { View } from './view.js';

export function labelObject(view: View, label: Label) {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${view.api}/repos/${label.repo}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    description: label.description,
    color: label.color,
    default: false,
  };
}

export function issueObject(view: View, issue: Issue) {
  const repoUrl = `${view.api}/repos/${issue.repo}`;
  const url = `${repoUrl}/issues/${issue.number}`;
  const comments = view.state.issueComments.filter((c) => c.repo === issue.repo && c.issueNumber === issue.number);
  return {
    id: issue.id,
    node_id: nodeId('Issue', issue.id),
    url,
    repository_url: repoUrl,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${view.web}/${issue.repo}/issues/${issue.number}`,
    number: issue.number,
    state: issue.state,
    state_reason: issue.stateReason,
    title: issue.title,
    body: issue.body,
    user: simpleUser(view, issue.user),
    labels: issue.labels.flatMap((name) => {
      const label = findLabel(view.state, issue.repo, name);
      return label ? [labelObject(view, label)] : [];
    }),
    assignee: issue.assignees[0] ? simpleUser(view, issue.assignees[0]) : null,
    assignees: issue.assignees.map((login) => simpleUser(view, login)),
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: comments.length,
    closed_at: issue.closedAt,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    author_association: 'MEMBER',
  };
}

export function issueComment(view: View, comment: IssueComment) {
  return {
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    url: `${view.api}/repos/${comment.repo}/issues/comments/${comment.id}`,
    body: comment.body,
    html_url: `${view.web}/${comment.repo}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    user: simpleUser(view, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    issue_url: `${view.api}/repos/${comment.repo}/issues/${comment.issueNumber}`,
    author_association: 'MEMBER',
  };
}
