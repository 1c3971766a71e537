/**
 * The admin page's data, gathered from every connector as plain records (strings, numbers, lists; times as ISO-8601
 * text) ready to be written as JSON; no HTTP here.
 */
package io.presencehub.admin;
