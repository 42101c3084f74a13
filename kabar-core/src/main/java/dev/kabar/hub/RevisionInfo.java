package dev.kabar.hub;

import java.util.List;
import java.util.Optional;

/**
 * What the hub's API says about one revision of a model: the commit it is at and its files.
 *
 * @param commit the 40-hex commit the revision resolved to ({@code sha})
 * @param files the files of that commit ({@code siblings})
 */
record RevisionInfo(String commit, List<RepoFile> files) {

    Optional<RepoFile> file(String path) {
        return files.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
