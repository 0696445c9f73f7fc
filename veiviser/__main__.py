from veiviser.cli import main

main()
