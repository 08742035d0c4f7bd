"""The facade's nouns: ``Project`` hangs one of each off its shared context (``project.pages``,
``project.revisions``, ``project.recognition``, ``project.suggestions``, ``project.replace``,
``project.exports``). Each is a thin door onto the work in the sibling modules of ``workbench.project``.
"""
